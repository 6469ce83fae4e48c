package io.stackwright.output;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The lock on {@code dist/.lock} that a {@link DistWriter} holds while it repairs or writes, so
 * that two synths of one project cannot interleave. Taken without waiting: a second synth stops at
 * once and says why.
 */
final class DistLock implements AutoCloseable {
  private static final String FILE = ".lock";

  private final FileChannel channel;
  private final FileLock lock;

  private DistLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock of {@code dist}.
   *
   * @throws DistWriter.LockedException when another synth holds it
   * @throws IOException when it cannot be opened, or this process holds it already
   */
  static DistLock take(Path dist) throws IOException {
    FileChannel channel = open(dist);
    try {
      return new DistLock(channel, lock(dist, channel));
    } catch (IOException | RuntimeException e) {
      try {
        channel.close();
      } catch (IOException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
  }

  /** Whether the lock is still held. */
  boolean isHeld() {
    return lock.isValid();
  }

  @Override
  public void close() throws IOException {
    try {
      lock.close();
    } finally {
      channel.close();
    }
  }

  private static FileChannel open(Path dist) throws IOException {
    Path lock = dist.resolve(FILE);
    DistFolder.checkOwn(lock, false);
    try {
      return FileChannel.open(
          lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw new IOException("cannot open the lock " + lock + ": " + e.getMessage(), e);
    }
  }

  private static FileLock lock(Path dist, FileChannel channel) throws IOException {
    try {
      FileLock lock = channel.tryLock();
      if (lock == null) {
        throw new DistWriter.LockedException(
            "another synth is writing "
                + dist
                + " (it holds "
                + dist.resolve(FILE)
                + "); wait for it to finish and run again");
      }
      return lock;
    } catch (OverlappingFileLockException e) {
      throw new IOException("this process is already writing " + dist, e);
    }
  }
}
