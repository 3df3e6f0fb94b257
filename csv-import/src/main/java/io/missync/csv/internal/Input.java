package io.missync.csv.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.jspecify.annotations.Nullable;

/**
 * The files of an export: a folder, or a zip read in place (entries in sub-folders are found by
 * their base name). Files are opened afresh each time, so a column can be re-read (date sniffing)
 * without holding the file in memory.
 */
public final class Input implements Closeable {
  private final Path root;
  private final @Nullable ZipFile zip;

  /** lower-case base name -> the actual name (path in the zip or the file name in the folder) */
  private final Map<String, String> byName = new LinkedHashMap<>();

  private Input(Path root, @Nullable ZipFile zip) {
    this.root = root;
    this.zip = zip;
  }

  /** Opens a folder or a {@code .zip}. */
  public static Input open(Path folderOrZip) throws IOException {
    if (Files.isDirectory(folderOrZip)) {
      Input in = new Input(folderOrZip, null);
      try (Stream<Path> files = Files.list(folderOrZip)) {
        files
            .filter(Files::isRegularFile)
            .map(p -> p.getFileName().toString())
            .sorted()
            .forEach(n -> in.byName.putIfAbsent(n.toLowerCase(Locale.ROOT), n));
      }
      return in;
    }
    if (!Files.isRegularFile(folderOrZip)) {
      throw new IOException("not a folder or a zip file: " + folderOrZip.getFileName());
    }
    ZipFile z = new ZipFile(folderOrZip.toFile());
    Input in = new Input(folderOrZip, z);
    List<String> names = new ArrayList<>();
    for (Enumeration<? extends ZipEntry> e = z.entries(); e.hasMoreElements(); ) {
      ZipEntry ze = e.nextElement();
      if (!ze.isDirectory() && !ze.getName().startsWith("__MACOSX/")) {
        names.add(ze.getName());
      }
    }
    names.sort(null);
    for (String n : names) {
      String base = n.substring(n.lastIndexOf('/') + 1);
      in.byName.putIfAbsent(base.toLowerCase(Locale.ROOT), n);
    }
    return in;
  }

  /** The base names of the files, in sorted order. */
  public List<String> names() {
    List<String> out = new ArrayList<>();
    for (String n : byName.values()) {
      out.add(n.substring(n.lastIndexOf('/') + 1));
    }
    return out;
  }

  /** The file with one of these base names, ignoring case (e.g. {@code "users.csv"}). */
  public Optional<String> find(String... baseNames) {
    for (String b : baseNames) {
      String n = byName.get(b.toLowerCase(Locale.ROOT));
      if (n != null) {
        return Optional.of(n.substring(n.lastIndexOf('/') + 1));
      }
    }
    return Optional.empty();
  }

  /** Opens a file by the base name {@link #find} returned. */
  public InputStream open(String baseName) throws IOException {
    String n = byName.get(baseName.toLowerCase(Locale.ROOT));
    if (n == null) {
      throw new IOException("no such file in the export: " + baseName);
    }
    ZipFile z = zip;
    if (z == null) {
      return Files.newInputStream(root.resolve(n));
    }
    ZipEntry e = z.getEntry(n);
    if (e == null) {
      throw new IOException("no such zip entry: " + baseName);
    }
    return z.getInputStream(e);
  }

  /** A display name for the export (the folder or zip name). */
  public String displayName() {
    Path f = root.getFileName();
    return f == null ? root.toString() : f.toString();
  }

  @Override
  public void close() {
    ZipFile z = zip;
    if (z != null) {
      try {
        z.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
