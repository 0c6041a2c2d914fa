--liquibase formatted sql

--changeset rehab:120-session-setting
-- Issue 19 item 1 (DESIGN sections 6 and 12): where a session took place. Family doctors log home visits, rehab
-- nursing, health education and psychological support for their contracted persons (setting usually HOME); the
-- session belongs to the doctor's clinic. Existing rows were all logged at an institution.
ALTER TABLE sessions ADD COLUMN setting text NOT NULL DEFAULT 'INSTITUTION'
  CONSTRAINT sessions_setting_known CHECK (setting IN ('HOME', 'COMMUNITY', 'INSTITUTION'));
