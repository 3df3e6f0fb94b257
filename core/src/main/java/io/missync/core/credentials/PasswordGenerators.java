package io.missync.core.credentials;

import io.missync.core.Secret;
import io.missync.core.spi.PasswordGenerator;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;

/**
 * Factories for the built-in password generators. Every generator draws only on a {@link
 * SecureRandom} (a fresh one by default; tests may pass their own), never on a person's date of
 * birth, names or ids. Generated characters are wiped from the generator's buffers once wrapped in
 * a {@link Secret}.
 *
 * <p>Each generator carries a policy id, the name a plan uses for it ({@code
 * CreateAccount.passwordPolicy}); the default ids describe the shape ({@code "random-10"}, {@code
 * "passphrase-3"}, {@code "picture-2"}, {@code "emoji-4"}, {@code "pin-6"}).
 */
public final class PasswordGenerators {
  /** Letters and digits with the look-alikes removed (no 0/O/o, 1/l/I, 5/S, 2/Z). */
  public static final String UNAMBIGUOUS_ALPHABET =
      "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRTUVWXY346789";

  private PasswordGenerators() {}

  /** Random text of the given length from {@link #UNAMBIGUOUS_ALPHABET}. */
  public static PasswordGenerator randomText(int length) {
    return randomText("random-" + length, length, UNAMBIGUOUS_ALPHABET, new SecureRandom());
  }

  /** Random text from the given alphabet (at least 2 distinct characters). */
  public static PasswordGenerator randomText(
      String policyId, int length, String alphabet, SecureRandom random) {
    if (length < 4) {
      throw new IllegalArgumentException("random text passwords need at least 4 characters");
    }
    char[] chars = distinct(alphabet);
    if (chars.length < 2) {
      throw new IllegalArgumentException("alphabet needs at least 2 distinct characters");
    }
    return new Generator(policyId, random) {
      @Override
      char[] make(SecureRandom r) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
          out[i] = chars[r.nextInt(chars.length)];
        }
        return out;
      }
    };
  }

  /**
   * A passphrase of simple words from the built-in list, joined by {@code separator}, with a digit
   * at the end when {@code withDigit} ({@code "apple-river-cloud7"}).
   */
  public static PasswordGenerator passphrase(int words, String separator, boolean withDigit) {
    return passphrase("passphrase-" + words, words, separator, withDigit, new SecureRandom());
  }

  /** A passphrase from the built-in word list with an injectable random source. */
  public static PasswordGenerator passphrase(
      String policyId, int words, String separator, boolean withDigit, SecureRandom random) {
    if (words < 2) {
      throw new IllegalArgumentException("a passphrase needs at least 2 words");
    }
    return wordsFrom(policyId, WordList.WORDS, words, separator, withDigit, random);
  }

  /**
   * A picture PIN of {@code pictures} picture names (2 or 4) joined by {@code "-"}, e.g. {@code
   * "cat-rocket"}; the product shows the pictures, the names are what it stores and checks.
   */
  public static PasswordGenerator picturePin(int pictures) {
    return picturePin("picture-" + pictures, pictures, new SecureRandom());
  }

  /** A picture PIN with an injectable random source. */
  public static PasswordGenerator picturePin(String policyId, int pictures, SecureRandom random) {
    if (pictures != 2 && pictures != 4) {
      throw new IllegalArgumentException("a picture PIN has 2 or 4 pictures");
    }
    return wordsFrom(policyId, WordList.PICTURES, pictures, "-", false, random);
  }

  /** A sequence of {@code length} emoji from a fixed set of distinct, easily told apart emoji. */
  public static PasswordGenerator emoji(int length) {
    return emoji("emoji-" + length, length, new SecureRandom());
  }

  /** An emoji sequence with an injectable random source. */
  public static PasswordGenerator emoji(String policyId, int length, SecureRandom random) {
    if (length < 3) {
      throw new IllegalArgumentException("an emoji password needs at least 3 emoji");
    }
    return wordsFrom(policyId, WordList.EMOJI, length, "", false, random);
  }

  /** A numeric PIN of {@code digits} digits (4 to 12). */
  public static PasswordGenerator numericPin(int digits) {
    return numericPin("pin-" + digits, digits, new SecureRandom());
  }

  /** A numeric PIN with an injectable random source. */
  public static PasswordGenerator numericPin(String policyId, int digits, SecureRandom random) {
    if (digits < 4 || digits > 12) {
      throw new IllegalArgumentException("a numeric PIN has 4 to 12 digits");
    }
    return randomTextUnchecked(policyId, digits, "0123456789".toCharArray(), random);
  }

  private static char[] distinct(String alphabet) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < alphabet.length(); i++) {
      char c = alphabet.charAt(i);
      if (sb.indexOf(String.valueOf(c)) < 0) {
        sb.append(c);
      }
    }
    return sb.toString().toCharArray();
  }

  private static PasswordGenerator randomTextUnchecked(
      String policyId, int length, char[] chars, SecureRandom random) {
    return new Generator(policyId, random) {
      @Override
      char[] make(SecureRandom r) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
          out[i] = chars[r.nextInt(chars.length)];
        }
        return out;
      }
    };
  }

  private static PasswordGenerator wordsFrom(
      String policyId,
      List<String> list,
      int count,
      String separator,
      boolean withDigit,
      SecureRandom random) {
    return new Generator(policyId, random) {
      @Override
      char[] make(SecureRandom r) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
          if (i > 0) {
            sb.append(separator);
          }
          sb.append(list.get(r.nextInt(list.size())));
        }
        if (withDigit) {
          sb.append((char) ('2' + r.nextInt(8)));
        }
        char[] out = new char[sb.length()];
        sb.getChars(0, sb.length(), out, 0);
        sb.setLength(0);
        for (int i = 0; i < out.length; i++) {
          sb.append('\0');
        }
        return out;
      }
    };
  }

  private abstract static class Generator implements PasswordGenerator {
    private final String policyId;
    private final SecureRandom random;

    Generator(String policyId, SecureRandom random) {
      if (policyId.isBlank()) {
        throw new IllegalArgumentException("policyId must not be blank");
      }
      this.policyId = policyId;
      this.random = random;
    }

    abstract char[] make(SecureRandom r);

    @Override
    public String policyId() {
      return policyId;
    }

    @Override
    public Secret generate() {
      char[] c;
      synchronized (random) {
        c = make(random);
      }
      try {
        return Secret.of(c);
      } finally {
        Arrays.fill(c, '\0');
      }
    }

    @Override
    public String toString() {
      return "PasswordGenerator[" + policyId + "]";
    }
  }
}
