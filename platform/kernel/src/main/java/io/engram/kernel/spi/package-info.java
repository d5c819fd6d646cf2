/**
 * What the kernel's job manager needs from a run store, the service that keeps job records, their
 * events and their metric series where several processes (an {@code engram run} beside an
 * {@code engram serve}) share them; and the JSON forms every store writes.
 */
@Version("1.0.0")
@Export
package io.engram.kernel.spi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
