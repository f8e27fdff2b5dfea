/**
 * The gateway's HTTP API: resources, calls and access control over plain HTTP with Resgate's
 * paths, encodings, status codes, meta headers and CORS rules.
 *
 * <p>Internal to the gateway: classes here are public only so that the gateway's packages can use
 * one another; applications configure the gateway through {@code resgate.*} properties and beans.
 */
package io.resgate.spring.gateway.http;
