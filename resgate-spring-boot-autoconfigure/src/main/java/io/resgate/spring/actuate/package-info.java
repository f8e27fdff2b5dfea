/**
 * Operations support, used only when Spring Boot's health module or Micrometer is on the class path:
 * health indicators for the messaging connection, the gateway and the service, and the gateway's,
 * service's and messaging connection's meters.
 */
package io.resgate.spring.actuate;
