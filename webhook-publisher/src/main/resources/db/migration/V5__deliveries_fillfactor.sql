-- A delivery is updated three times while PENDING (claimed, attempt begun, finished). Room left on each page lets
-- PostgreSQL make the first two heap-only (HOT) updates, which add no index entries: the claim's walk along
-- deliveries_due_by_subscription then meets no stale entries of rows it already took, even where autovacuum is slow
-- or off. Applies to pages written from now on.
ALTER TABLE deliveries SET (fillfactor = 70);
