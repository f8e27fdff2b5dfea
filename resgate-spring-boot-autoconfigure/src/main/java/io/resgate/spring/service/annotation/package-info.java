/**
 * Annotations that turn Spring components into RES services.
 *
 * <p>Class level: {@link io.resgate.spring.service.annotation.ResModel},
 * {@link io.resgate.spring.service.annotation.ResCollection} and
 * {@link io.resgate.spring.service.annotation.ResResource} with a resource pattern. Methods:
 * {@link io.resgate.spring.service.annotation.ResGet}, {@link io.resgate.spring.service.annotation.ResAccess},
 * {@link io.resgate.spring.service.annotation.ResCall}, {@link io.resgate.spring.service.annotation.ResAuth}.
 * Parameters: {@link io.resgate.spring.service.annotation.PathParam},
 * {@link io.resgate.spring.service.annotation.QueryParam}, {@link io.resgate.spring.service.annotation.ResParams},
 * {@link io.resgate.spring.service.annotation.ResToken}, {@link io.resgate.spring.service.annotation.ResHeader},
 * {@link io.resgate.spring.service.annotation.Cid}, {@link io.resgate.spring.service.annotation.ResMethod};
 * a {@link io.resgate.spring.service.ResRequest} parameter gives everything else.
 */
package io.resgate.spring.service.annotation;
