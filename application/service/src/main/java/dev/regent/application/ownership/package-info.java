/** Who owns what: any region answers for any aggregate id it has learnt about. */
package dev.regent.application.ownership;
