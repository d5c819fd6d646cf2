package io.engram.http.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Settings of the REST API, configuration PID {@code io.engram.http}. The launcher fills them from
 * {@code http.token} (as the private key {@code .token}), the absolute path of {@code conf/token},
 * {@code http.max.body.bytes}, {@code http.host}, {@code http.tls}, {@code http.read.token},
 * {@code http.allowed.hosts} and {@code http.cors.origins}. Lists are given either as arrays or as
 * comma-separated text.
 */
@ObjectClassDefinition(name = "Engram HTTP API",
        description = "Bearer token, request limits, host names and cross-origin access of the REST API under /api.")
public @interface HttpApiConfiguration {

    String PID = "io.engram.http";

    /**
     * The bearer token, under the private key {@code .token} so that it is never copied onto the
     * service's properties, where any bundle could read it.
     */
    @AttributeDefinition(type = AttributeType.PASSWORD,
            description = "Bearer token that POST and DELETE (and GET, see read.token) require; empty: read "
                    + "token.file, or generate one there.")
    String _token() default "";

    @AttributeDefinition(description = "File holding the token when token is empty; a generated token is written "
            + "there (owner-only). Empty: a generated token is kept in memory only.")
    String token_file() default "";

    @AttributeDefinition(min = "0", description = "Largest request body accepted, in bytes; larger ones get 413.")
    long max_body_bytes() default 1_048_576L;

    @AttributeDefinition(description = "Address the HTTP server is bound to; empty: the framework property "
            + "org.apache.felix.http.host, else every interface.")
    String host() default "";

    @AttributeDefinition(description = "Whether clients reach the API over TLS (HTTPS here or a proxy in front); "
            + "without it a server bound beyond loopback warns at start.")
    boolean tls() default false;

    @AttributeDefinition(description = "Whether GET needs the token: auto (unless bound to a "
            + "loopback address), always or never.")
    String read_token() default "auto";

    @AttributeDefinition(description = "Host names served besides localhost, 127.0.0.1, [::1] and the bound "
            + "address, any port; other Host headers get 421. '*': any.")
    String[] allowed_hosts() default {};

    @AttributeDefinition(description = "Origins (scheme://host[:port]) whose web pages may call the API; "
            + "empty: CORS closed. '*' is not accepted.")
    String[] cors_origins() default {};
}
