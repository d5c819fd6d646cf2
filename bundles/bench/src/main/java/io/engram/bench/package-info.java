/**
 * Benchmarks of recurrent networks: named configs, their FLOP counts, the measured timings of
 * training steps and inference passes, and the service that measures them.
 */
@Version("0.3.0")
@Export
package io.engram.bench;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
