-- 10,000 orders of history in the source, for the backfill to copy.
INSERT INTO orders (customer, amount, status, created_at)
SELECT 'customer-' || (g % 500), (g % 997) + 0.99, CASE WHEN g % 3 = 0 THEN 'SHIPPED' ELSE 'NEW' END,
       now() - make_interval(mins => g)
FROM generate_series(1, 10000) g;
