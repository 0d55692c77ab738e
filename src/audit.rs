//! Audit: extraction results against expected files written by people (SPEC §4).
//! PLACEHOLDER until the audit issue lands.
