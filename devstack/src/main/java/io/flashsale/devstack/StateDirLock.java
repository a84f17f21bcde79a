package io.flashsale.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An OS file lock on {@code <stateDir>/devstack.lock}, held while a stack runs, so that
 * two stacks never share a state directory. The OS releases it when the JVM dies, however
 * it dies.
 */
final class StateDirLock implements AutoCloseable {

	private final FileChannel channel;

	private final FileLock lock;

	private StateDirLock(FileChannel channel, FileLock lock) {
		this.channel = channel;
		this.lock = lock;
	}

	static StateDirLock acquire(Path stateDir) {
		Path file = stateDir.resolve("devstack.lock");
		try {
			FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
			FileLock lock;
			try {
				lock = channel.tryLock();
			}
			catch (OverlappingFileLockException ex) {
				lock = null;
			}
			if (lock == null) {
				channel.close();
				throw new IllegalStateException("State directory " + stateDir
						+ " is in use by another running devstack (" + file + " is locked)");
			}
			return new StateDirLock(channel, lock);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not lock " + file, ex);
		}
	}

	@Override
	public void close() {
		try {
			this.lock.release();
			this.channel.close();
		}
		catch (IOException ex) {
			// Closing the channel releases the lock in any case.
		}
	}

}
