-- missync store-jdbc, schema version 4: an operator's suspension of an account (an emergency
-- deactivation ahead of the MIS; the planner never reactivates a suspended account). Existing
-- accounts are not suspended. Portable: plain ALTER TABLE ... ADD COLUMN with a default.

ALTER TABLE ${t}account ADD COLUMN suspended BOOLEAN DEFAULT FALSE NOT NULL;
