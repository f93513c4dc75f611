-- The W3C trace context of the request that wrote the row (null without an active span): the relay's send span
-- continues that trace, so request, send and the consumer's apply share one trace id.
ALTER TABLE outbox
    ADD COLUMN traceparent text,
    ADD COLUMN tracestate  text;
