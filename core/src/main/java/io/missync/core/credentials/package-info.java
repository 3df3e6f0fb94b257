/**
 * Default credential implementations: username templates with normalisation and collision handling,
 * password generators per cohort (random text, word passphrase, picture PIN, emoji sequence,
 * numeric PIN), all drawing on {@link java.security.SecureRandom}, and a {@link
 * io.missync.core.spi.CredentialPolicy} that maps cohorts (role, year group) to them.
 */
@NullMarked
package io.missync.core.credentials;

import org.jspecify.annotations.NullMarked;
