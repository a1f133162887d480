/**
 * Who is authoritative, and how that changes: the phase every instance reads ({@link
 * dev.zdm.control.PhaseState}, {@link dev.zdm.control.PhaseReader}) and the fence that refuses
 * application writes on the side that is not authoritative ({@link dev.zdm.control.Fence}).
 */
package dev.zdm.control;
