-- Run by the postgres container on its first start (an empty data volume): one schema per store, created before
-- several instances of a service migrate it at once.
CREATE SCHEMA IF NOT EXISTS orders;
CREATE SCHEMA IF NOT EXISTS products;
CREATE SCHEMA IF NOT EXISTS webhook_publisher;
CREATE SCHEMA IF NOT EXISTS edge_functions;
