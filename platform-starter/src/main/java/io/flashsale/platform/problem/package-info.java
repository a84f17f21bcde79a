/**
 * RFC 9457 problem details with a stable type URI and a machine code per problem.
 */
package io.flashsale.platform.problem;
