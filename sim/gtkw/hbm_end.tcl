# hbm_end.tcl - GTKWave script (gtkwave -S) for `make wave FST=...`: move the
# view of sim/hbm.gtkw (its zoom kept) to the last cycles of the waveform,
# where a lockstep mismatch stops vhbm, and put the marker on the rising
# clock edge that starts the last traced cycle (in vhbm_mismatch.fst the
# mismatching one).
set last [gtkwave::getMaxTime]
set span [expr {[gtkwave::getWindowEndTime] - [gtkwave::getWindowStartTime]}]
if {$span <= 0 || $span > $last} { set span 400 }
set from [expr {$last - $span + 20}]
if {$from < [gtkwave::getMinTime]} { set from [gtkwave::getMinTime] }
gtkwave::setWindowStartTime $from
gtkwave::setMarker [expr {$last - 5}]
