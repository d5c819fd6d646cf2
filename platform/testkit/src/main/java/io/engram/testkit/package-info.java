/**
 * Conformance suites and test helpers for Engram plugins, needing no plugin: reference ops and a
 * reference backend, the backend, family, trainer and application conformance suites, gradient
 * checks, a reference recurrent network, seeded test data and a training context for tests.
 */
@Version("0.2.0")
@Export
package io.engram.testkit;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
