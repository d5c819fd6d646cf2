/**
 * What the kernel's job manager needs from a run store, the service that keeps job records, their
 * events and their metric series where several processes (an {@code engram run} beside an
 * {@code engram serve}) share them; the JSON forms every store writes; and the protocol by which a
 * cluster runner outside the framework (Spark) spreads a job's work ({@link io.engram.kernel.spi.ClusterProtocol}).
 */
@Version("1.0.0")
@Export
package io.engram.kernel.spi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
