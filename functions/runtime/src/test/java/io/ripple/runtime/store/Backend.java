package io.ripple.runtime.store;

/** The databases every store test runs against. */
enum Backend {
    SQLITE,
    POSTGRESQL
}
