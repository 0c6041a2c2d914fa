--liquibase formatted sql

--changeset rehab:040-devices-placeholder
SELECT 1;
