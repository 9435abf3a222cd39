-- The trace context of the webhook a message was made for (W3C traceparent and baggage, one "name=value" a line):
-- its send, however late, is a span of the order's trace. Null for rows stored before tracing.
ALTER TABLE deliveries ADD COLUMN trace_context TEXT;
