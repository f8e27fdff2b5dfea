/**
 * The gateway's HTTP API: resources, calls and access control over plain HTTP with Resgate's
 * paths, encodings, status codes, meta headers and CORS rules.
 */
package io.resgate.spring.gateway.http;
