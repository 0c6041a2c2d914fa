package cn.donghe.rehab.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keys the read and write benchmarks need (person ids with their certificate numbers, community
 * codes), written as tab-separated files into a directory. Every n-th record is kept, so a sample
 * is spread over all districts. Extension point: aid-account ids for the balance read, etc.
 */
final class Samples {
  private final long stride;
  private final AtomicLong seen = new AtomicLong();
  private final List<String> persons = new ArrayList<>();
  private final List<String> communities = new ArrayList<>();
  private final List<String> aidAccounts = new ArrayList<>();
  private final long aidStride;

  Samples(long totalPersons, int size) {
    this.stride = Math.max(1, totalPersons / Math.max(1, size));
    this.aidStride = Math.max(1, totalPersons / 200_000); // about 3% of persons hold an account a year: ~6,000 kept
  }

  private final AtomicLong aidSeen = new AtomicLong();

  /** This year's aid accounts (id, child, balance): the balance read and the session writes use them. */
  void aidAccount(java.util.UUID id, java.util.UUID personId, java.math.BigDecimal balance) {
    if (aidSeen.getAndIncrement() % aidStride != 0) return;
    synchronized (aidAccounts) {
      aidAccounts.add(id + "\t" + personId + "\t" + balance.toPlainString());
    }
  }

  void person(Population.Person p) {
    if (seen.getAndIncrement() % stride != 0) return;
    synchronized (persons) {
      persons.add(p.id() + "\t" + p.certificateNo());
    }
  }

  void community(String code) {
    synchronized (communities) {
      communities.add(code);
    }
  }

  List<String> persons() {
    synchronized (persons) {
      return List.copyOf(persons);
    }
  }

  List<String> aidAccounts() {
    synchronized (aidAccounts) {
      return List.copyOf(aidAccounts);
    }
  }

  void writeTo(Path dir) {
    try {
      Files.createDirectories(dir);
      Files.write(dir.resolve("persons.tsv"), persons(), StandardCharsets.UTF_8);
      synchronized (communities) {
        Files.write(dir.resolve("communities.txt"), communities, StandardCharsets.UTF_8);
      }
      synchronized (aidAccounts) {
        Files.write(dir.resolve("aid-accounts.tsv"), aidAccounts, StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
