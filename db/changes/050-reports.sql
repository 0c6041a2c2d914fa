--liquibase formatted sql

--changeset rehab:050-reports-placeholder
SELECT 1;
