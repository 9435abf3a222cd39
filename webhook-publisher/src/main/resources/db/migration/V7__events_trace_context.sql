-- The trace context of the message an event came in (W3C traceparent and baggage, one "name=value" a line): each
-- delivery attempt, however late, is a span of that trace and sends it on in its traceparent header. Null for
-- events stored before tracing.
ALTER TABLE events ADD COLUMN trace_context TEXT;
