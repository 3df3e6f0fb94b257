package io.missync.benchmarks.scale;

import io.missync.core.EntityType;
import io.missync.core.credentials.CohortCredentialPolicy;
import io.missync.core.credentials.PasswordGenerators;
import io.missync.core.credentials.UsernameTemplate;
import io.missync.core.model.MisSnapshot;
import io.missync.core.spi.CredentialPolicy;
import io.missync.core.spi.SnapshotSource;
import io.missync.wonde.RetryPolicy;
import io.missync.wonde.TokenProvider;
import io.missync.wonde.WondeClient;
import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** What the scale benchmarks share. */
final class Fixtures {
  private Fixtures() {}

  static CredentialPolicy credentials() {
    return CohortCredentialPolicy.builder()
        .defaults(UsernameTemplate.initialSurname(), PasswordGenerators.randomText(12))
        .role(EntityType.STAFF, UsernameTemplate.email(), PasswordGenerators.randomText(14))
        .build();
  }

  static WondeClient client(URI baseUri, String appToken) {
    return WondeClient.builder()
        .tokens(TokenProvider.multiSchool(appToken))
        .baseUri(baseUri)
        .retryPolicy(RetryPolicy.defaults())
        .requestTimeout(Duration.ofSeconds(60))
        .build();
  }

  /** A source that remembers the last snapshot it read. */
  static final class Remembering implements SnapshotSource {
    private final SnapshotSource source;
    @Nullable MisSnapshot last;

    Remembering(SnapshotSource source) {
      this.source = source;
    }

    @Override
    public MisSnapshot fetchFull() {
      last = source.fetchFull();
      return last;
    }

    @Override
    public MisSnapshot fetchIncremental(MisSnapshot previous) {
      last = source.fetchIncremental(previous);
      return last;
    }
  }
}
