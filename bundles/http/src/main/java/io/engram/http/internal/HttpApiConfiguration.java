package io.engram.http.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Settings of the REST API, configuration PID {@code io.engram.http}. The launcher fills them from
 * {@code http.token} (as the private key {@code .token}), the absolute path of {@code conf/token} and {@code http.max.body.bytes}.
 */
@ObjectClassDefinition(name = "Engram HTTP API",
        description = "Bearer token and request limits of the REST API under /api.")
public @interface HttpApiConfiguration {

    String PID = "io.engram.http";

    /**
     * The bearer token, under the private key {@code .token} so that it is never copied onto the
     * service's properties, where any bundle could read it.
     */
    @AttributeDefinition(type = AttributeType.PASSWORD,
            description = "Bearer token that POST and DELETE require; empty: read token.file, or generate one there.")
    String _token() default "";

    @AttributeDefinition(description = "File holding the token when token is empty; a generated token is written "
            + "there (owner-only). Empty: a generated token is kept in memory only.")
    String token_file() default "";

    @AttributeDefinition(min = "0", description = "Largest request body accepted, in bytes; larger ones get 413.")
    long max_body_bytes() default 1_048_576L;
}
