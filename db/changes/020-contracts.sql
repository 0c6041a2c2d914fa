--liquibase formatted sql

--changeset rehab:020-contracts-placeholder
SELECT 1;
