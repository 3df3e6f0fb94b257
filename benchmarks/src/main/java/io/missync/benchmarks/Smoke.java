package io.missync.benchmarks;

import io.missync.core.model.PersonRef;
import org.openjdk.jmh.annotations.Benchmark;

/** Proves the JMH wiring; real benchmarks live in sub-packages. */
public class Smoke {
  @Benchmark
  public PersonRef personRef() {
    return PersonRef.student("A1");
  }
}
