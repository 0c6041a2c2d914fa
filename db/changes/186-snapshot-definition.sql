--liquibase formatted sql

--changeset rehab:186-snapshot-definition-version
-- The definition version a snapshot was computed with (1 = any service, 2 = need-matched; DESIGN section 8), as a
-- column of its own so a published figure names the counting rules it followed. Older rows keep NULL: their stored
-- report names the version (or, before versions existed, they were version 1). No UPDATE: snapshots are append-only.
ALTER TABLE report_snapshots ADD COLUMN definition_version smallint CHECK (definition_version IN (1, 2));
