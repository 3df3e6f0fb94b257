-- missync store-jdbc, schema version 2: a lease per school, so that one run at a time reads, plans
-- and applies a school. The holder is an opaque run id (no personal data); a lease whose expiry has
-- passed may be taken over by another run. Portable: plain ALTER TABLE ... ADD COLUMN.

ALTER TABLE ${t}school ADD COLUMN lease_holder VARCHAR(255);

ALTER TABLE ${t}school ADD COLUMN lease_acquired_at TIMESTAMP WITH TIME ZONE;

ALTER TABLE ${t}school ADD COLUMN lease_expires_at TIMESTAMP WITH TIME ZONE;
