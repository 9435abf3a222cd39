-- The trace context (W3C traceparent and baggage, one "name=value" a line) of the transaction that wrote the row, so
-- the relay's publish continues that trace, even from another instance after a restart. Null for rows written
-- before tracing, which then start a trace of their own.
ALTER TABLE outbox ADD COLUMN trace_context TEXT;
