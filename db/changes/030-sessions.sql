--liquibase formatted sql

--changeset rehab:030-sessions-placeholder
SELECT 1;
