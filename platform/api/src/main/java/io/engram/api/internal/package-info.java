/** Implementations behind the API's static factories; not exported. */
package io.engram.api.internal;
