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

  Samples(long totalPersons, int size) {
    this.stride = Math.max(1, totalPersons / Math.max(1, size));
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

  void writeTo(Path dir) {
    try {
      Files.createDirectories(dir);
      Files.write(dir.resolve("persons.tsv"), persons(), StandardCharsets.UTF_8);
      synchronized (communities) {
        Files.write(dir.resolve("communities.txt"), communities, StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
