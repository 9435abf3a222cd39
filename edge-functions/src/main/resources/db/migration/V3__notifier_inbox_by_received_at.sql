-- The retention (NotifierRetention) deletes the inbox rows of webhooks received before its cut. Rows are written in
-- the order they are received, so a BRIN index (a few pages, next to nothing per insert) lets that read only the
-- oldest part of the table instead of all of it.
CREATE INDEX notifier_inbox_received_at ON notifier_inbox USING brin (received_at);
