/**
 * Conformance suites and test helpers for Engram plugins: gradient checks, the family conformance
 * suite, a reference recurrent network and a training context for tests.
 */
@Version("0.1.0")
@Export
package io.engram.testkit;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
