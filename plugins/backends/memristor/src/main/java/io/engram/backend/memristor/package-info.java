/**
 * The memristor backend: matrix products on a simulated analogue crossbar of differential
 * conductance pairs, with its device model and its energy and latency account.
 */
@Version("0.1.0")
@Export
package io.engram.backend.memristor;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
