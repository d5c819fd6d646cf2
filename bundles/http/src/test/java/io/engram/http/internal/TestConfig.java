package io.engram.http.internal;

import java.lang.annotation.Annotation;

/** An {@link HttpApiConfiguration} built in a test, as SCR would from ConfigAdmin. */
record TestConfig(String _token, String token_file, long max_body_bytes, String host, boolean tls, String read_token,
                  String[] allowed_hosts, String[] cors_origins) implements HttpApiConfiguration {

    static TestConfig of(String tokenFile, String host, boolean tls) {
        return new TestConfig("", tokenFile, 1024, host, tls, "auto", new String[0], new String[0]);
    }

    @Override
    public Class<? extends Annotation> annotationType() {
        return HttpApiConfiguration.class;
    }
}
