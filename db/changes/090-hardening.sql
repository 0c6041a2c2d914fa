--liquibase formatted sql

--changeset rehab:090-hardening-placeholder
SELECT 1;
