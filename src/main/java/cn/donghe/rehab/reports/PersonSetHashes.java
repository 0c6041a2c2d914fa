package cn.donghe.rehab.reports;

/**
 * The person sets behind one indicator's figures, frozen as SHA-256 (hex) of the sorted ids: lowercase UUID strings
 * in ascending order joined with "\n", UTF-8 (the empty set hashes the empty string). For CHILD_AID_UTILISATION the
 * sets are the enrolled children (denominator) and those who used aid (numerator).
 */
public record PersonSetHashes(long numeratorCount, long denominatorCount, String numeratorHash, String denominatorHash) {}
