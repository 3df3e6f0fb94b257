package io.missync.wonde.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class AsyncPermitsTest {
  @Test
  void waitersAreServedInOrder() {
    AsyncPermits p = new AsyncPermits(1);
    CompletableFuture<Void> a = p.acquire();
    CompletableFuture<Void> b = p.acquire();
    CompletableFuture<Void> c = p.acquire();
    assertTrue(a.isDone());
    assertFalse(b.isDone());
    p.release();
    assertTrue(b.isDone());
    assertFalse(c.isDone());
    p.release();
    assertTrue(c.isDone());
    p.release();
    assertEquals(1, p.available());
  }

  @Test
  void interruptedBlockingAcquireLeavesNoPermitBehind() throws Exception {
    AsyncPermits p = new AsyncPermits(1);
    p.acquire();
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    CountDownLatch started = new CountDownLatch(1);
    Thread t =
        new Thread(
            () -> {
              started.countDown();
              try {
                p.acquireBlocking();
              } catch (InterruptedException e) {
                thrown.set(e);
              }
            });
    t.start();
    started.await();
    Thread.sleep(50);
    t.interrupt();
    t.join(2000);
    assertTrue(thrown.get() instanceof InterruptedException);
    p.release();
    assertEquals(1, p.available(), "the cancelled waiter must not swallow the permit");
  }

  @Test
  void rejectsNonPositivePermits() {
    assertThrows(IllegalArgumentException.class, () -> new AsyncPermits(0));
  }

  @Test
  void redactionAndOrigins() {
    assertEquals(
        "https://api.wonde.com/v1.0/x?token=REDACTED&a=1&client_secret=REDACTED",
        Redaction.url(
            URI.create("https://user:pw@api.wonde.com/v1.0/x?token=abc&a=1&client_secret=s")));
    assertTrue(
        HostRules.sameOrigin(
            URI.create("https://api.wonde.com/a"), URI.create("https://API.wonde.com:443/b")));
    assertFalse(
        HostRules.sameOrigin(
            URI.create("https://api.wonde.com/a"), URI.create("http://api.wonde.com/b")));
    assertFalse(
        HostRules.sameOrigin(
            URI.create("https://api.wonde.com/a"), URI.create("https://api.wonde.com.evil/b")));
  }
}
