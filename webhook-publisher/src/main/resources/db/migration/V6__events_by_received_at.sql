-- The retention (DeliveryRetention) deletes the events received before its cut that no delivery refers to. Events
-- are written in the order they are received, so a BRIN index (a few pages, next to nothing per insert) lets that
-- read only the oldest part of the table instead of all of it.
CREATE INDEX events_received_at ON events USING brin (received_at);
