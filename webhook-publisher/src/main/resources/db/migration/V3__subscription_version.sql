-- Bumped by every change to a subscription, so a publisher may keep subscriptions in memory: a claim reads the
-- version with the delivery and a cached copy is used only while the versions match (see SubscriptionCache).
ALTER TABLE subscriptions ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
