-- The claim reads due deliveries per subscription (deliveries_due_by_subscription, V2). The older index on
-- next_attempt_at alone let the planner walk every due row of every subscription and filter, which under load read
-- thousands of index entries per claim; without it the only plan is the per-subscription one. One index fewer
-- to update on every change of a delivery, too.
DROP INDEX IF EXISTS deliveries_due;
