# NAMD stand-in for the NAMDRunner test cluster (NOT NAMD).
#
# Usage (through the namd2 / namd3 wrappers installed by scripts/test-cluster):
#   namd3 [+pN] [+other charm++ options] [--keyword value ...] config.namd [...]
#
# It evaluates the config as a Tcl script the way NAMD does (unknown commands are
# "keyword value" parameters), then for every `run N` / `minimize N` prints
# NAMD-like ENERGY: lines (one per outputEnergies steps) and finally writes the
# output files the config names (<outputName>.coor/.vel/.xsc, .dcd when dcdfreq
# is set, <restartName>.coor/.vel/.xsc when restartfreq is set, .xst when
# xstFreq is set).  Only needs tclsh 8.6.
#
# Knobs for tests (environment variable, or a comment directive in the config):
#   NAMD_STANDIN_SLEEP_PER_STEP=S     or  "#standin: sleepPerStep S"
#       sleep S seconds (fractional ok) after each ENERGY: line.
#   NAMD_STANDIN_FAIL_AT_STEP=N       or  "#standin: failAtStep N"
#       print "FATAL ERROR:" and exit 1 when the simulation reaches step N.
#   NAMD_STANDIN_EXIT_CODE=C          or  "#standin: exitCode C"
#       exit with code C after a normal end (default 0).
# A missing input file (structure, coordinates, bincoordinates, velocities,
# binvelocities, extendedSystem, parameters, parmfile, ambercoor, consref,
# conskfile, ...) named in the config makes it print "FATAL ERROR: ..." and
# exit 1 when the simulation starts up.

namespace eval ::standin {
    variable version "3.0"
    variable params          ;# lower-case keyword -> value (string)
    array set params {}
    variable multi {parameters extrabondsfile colvarsconfig tclforcesscript mgridforcefile}
    variable started 0
    variable step 0
    variable ranAny 0
    variable energyLines 0
    variable dcdFrames 0
    variable xstLines {}
    variable t0 [clock milliseconds]
    variable cpu0 0
    variable nprocs 1
    variable sleepPerStep 0
    variable failAtStep -1
    variable exitCode 0
    variable rnd 12345
    variable temp 300.0
    variable total -64000.0
    variable configDirs {}
    variable finished 0
}

rename ::exit ::standin::tclExit
fconfigure stdout -buffering line -translation lf
fconfigure stderr -buffering line

proc ::standin::out {s} { puts stdout $s }

proc ::standin::fatal {msg} {
    out "FATAL ERROR: $msg"
    out "\[0\] Stack Traceback:"
    out "  \[0:0\] NAMD stand-in abort"
    puts stderr "FATAL ERROR: $msg"
    ::standin::realExit 1
}

# Linear congruential generator: deterministic, plausible noise.
proc ::standin::rand {} {
    variable rnd
    set rnd [expr {($rnd * 1103515245 + 12345) % 2147483648}]
    return [expr {double($rnd) / 2147483648.0}]
}
proc ::standin::noise {scale} { return [expr {([rand] - 0.5) * 2.0 * $scale}] }

proc ::standin::param {name {default ""}} {
    variable params
    set k [string tolower $name]
    if {[info exists params($k)]} { return $params($k) }
    return $default
}
proc ::standin::has {name} {
    variable params
    return [info exists params([string tolower $name])]
}
proc ::standin::isOn {name} {
    set v [string tolower [param $name off]]
    return [expr {$v in {on yes true 1}}]
}
proc ::standin::intParam {name default} {
    set v [param $name $default]
    if {![string is integer -strict $v]} {
        if {[string is double -strict $v]} { return [expr {int($v)}] }
        fatal "Illegal value \"$v\" for integer parameter $name"
    }
    return $v
}
proc ::standin::numParam {name default} {
    set v [lindex [param $name $default] 0]
    # Allow a unit suffix (e.g. 2fs, 310K)
    regexp {^([-+0-9.eE]+)} $v -> v
    if {![string is double -strict $v]} { return $default }
    return $v
}

# Store a config parameter the way NAMD's Tcl_config does.
proc ::standin::setParam {name words} {
    variable params
    variable multi
    variable started
    # keyword=value glued into the command word
    if {[set i [string first "=" $name]] > 0} {
        set rest [string range $name [expr {$i + 1}] end]
        set name [string range $name 0 [expr {$i - 1}]]
        if {$rest ne ""} { set words [linsert $words 0 $rest] }
    }
    set clean {}
    foreach w $words {
        if {[string index $w 0] eq "#"} break
        if {$w eq "=" && [llength $clean] == 0} continue
        if {[llength $clean] == 0 && [string index $w 0] eq "="} { set w [string range $w 1 end] }
        if {$w eq ""} continue
        lappend clean $w
    }
    set k [string tolower $name]
    if {[llength $clean] == 0} {
        # introspection: bare keyword returns its value
        return [param $k ""]
    }
    set value [join $clean " "]
    if {$k in $multi} {
        lappend params($k) $value
    } else {
        set params($k) $value
    }
    return ""
}

# ---------------------------------------------------------------- Tcl glue
rename ::unknown ::standin::tclUnknown
proc ::unknown {cmd args} {
    if {[string match *::* $cmd]} {
        return [uplevel 1 [list ::standin::tclUnknown $cmd {*}$args]]
    }
    return [::standin::setParam $cmd $args]
}

proc ::param {name args} { return [::standin::setParam $name $args] }
proc ::print {args} { ::standin::out [join $args " "] }
proc ::echo {args} { ::standin::out [join $args " "] }
proc ::numPes {} { return $::standin::nprocs }
proc ::numNodes {} { return 1 }
proc ::numPhysicalNodes {} { return 1 }
proc ::numReplicas {} { return 1 }
proc ::myReplica {} { return 0 }
proc ::startup {} { ::standin::startup }
proc ::run {args} { ::standin::simulate run $args }
proc ::minimize {args} { ::standin::simulate minimize $args }
proc ::reinitvels {args} { if {[llength $args]} { set ::standin::temp [lindex $args 0] } }
proc ::rescalevels {args} {}
proc ::reinitatoms {args} {}
proc ::reloadCharges {args} {}
proc ::checkpoint {args} {}
proc ::revert {args} {}
proc ::callback {args} {}
proc ::colvars {args} { return "" }
proc ::cv {args} { return "" }
proc ::atomselect {args} { return "" }
proc ::measure {args} { return 0 }
proc ::coorfile {args} {}
proc ::output {args} {
    ::standin::startup
    set name [lindex $args end]
    if {$name ne ""} { ::standin::writeCoorSet $name "OUTPUT" }
}
proc ::firstTimestep {args} {
    if {[llength $args]} {
        set ::standin::step [lindex $args end]
        return [::standin::setParam firsttimestep $args]
    }
    return $::standin::step
}
proc ::firsttimestep {args} { return [::firstTimestep {*}$args] }
proc ::exit {{code 0}} { ::standin::finish $code }

# ------------------------------------------------------------- simulation
proc ::standin::checkInputs {} {
    foreach {key what} {
        structure      "UNABLE TO OPEN PSF FILE"
        coordinates    "Unable to open PDB file"
        bincoordinates "Unable to open binary file"
        velocities     "Unable to open PDB file"
        binvelocities  "Unable to open binary file"
        extendedsystem "Unable to open extended system file"
        parmfile       "Unable to open AMBER parm file"
        ambercoor      "Unable to open AMBER coordinate file"
        grofile        "Unable to open GROMACS topology file"
        grocoorfile    "Unable to open GROMACS coordinate file"
        consref        "Unable to open PDB file"
        conskfile      "Unable to open PDB file"
        fixedatomsfile "Unable to open PDB file"
        langevinfile   "Unable to open PDB file"
        colvarsconfig  "Unable to open colvars configuration file"
        extrabondsfile "Unable to open extraBonds file"
    } {
        if {![has $key]} continue
        set files [list [param $key]]
        if {$key in $::standin::multi} { set files [param $key] }
        foreach f $files {
            if {$f eq ""} continue
            if {![file readable $f]} {
                fatal "$what $f: No such file or directory"
            }
        }
    }
    if {[has parameters]} {
        foreach f [param parameters] {
            if {![file readable $f]} {
                fatal "UNABLE TO OPEN CHARMM PARAMETER FILE $f: No such file or directory"
            }
        }
    }
}

proc ::standin::startup {} {
    variable started
    variable step
    variable temp
    variable version
    variable nprocs
    if {$started} return
    set started 1
    if {![has outputname]} {
        fatal "'outputname' is a required configuration option"
    }
    checkInputs
    set step [intParam firsttimestep 0]
    if {[has temperature]} {
        set temp [numParam temperature 300.0]
    } elseif {[has langevintemp]} {
        set temp [numParam langevintemp 300.0]
    }
    out "Info: SIMULATION PARAMETERS:"
    out "Info: TIMESTEP               [numParam timestep 1.0]"
    out "Info: NUMBER OF STEPS        [intParam numsteps 0]"
    out "Info: STEPS PER CYCLE        [intParam stepspercycle 20]"
    if {[has cellbasisvector1]} {
        out "Info: PERIODIC CELL BASIS 1  [param cellbasisvector1]"
        out "Info: PERIODIC CELL BASIS 2  [param cellbasisvector2 {0 0 0}]"
        out "Info: PERIODIC CELL BASIS 3  [param cellbasisvector3 {0 0 0}]"
    }
    out "Info: CUTOFF                 [numParam cutoff 12.0]"
    if {[has dcdfreq]} { out "Info: DCD FILENAME           [dcdName]" ; out "Info: DCD FREQUENCY          [param dcdfreq]" }
    out "Info: XST FREQUENCY          [intParam xstfreq 0]"
    out "Info: OUTPUT FILENAME        [param outputname]"
    if {[has restartfreq]} {
        out "Info: RESTART FILENAME       [restartName]"
        out "Info: RESTART FREQUENCY      [param restartfreq]"
    } else {
        out "Info: NO RESTART FILE"
    }
    if {[isOn langevin]} {
        out "Info: LANGEVIN DYNAMICS ACTIVE"
        out "Info: LANGEVIN TEMPERATURE   [numParam langevintemp 300.0]"
    }
    if {[has temperature]} { out "Info: INITIAL TEMPERATURE    [param temperature]" }
    if {[has structure]} { out "Info: STRUCTURE FILE         [param structure]" }
    if {[has coordinates]} { out "Info: COORDINATE PDB         [param coordinates]" }
    out "Info: SUMMARY OF PARAMETERS:"
    out "Info: 123 BONDS"
    out "Info: 456 ANGLES"
    out "Info: ****************************"
    out "Info: STRUCTURE SUMMARY:"
    out "Info: 1234 ATOMS"
    out "Info: TOTAL MASS = 12345.6 amu"
    out "Info: *****************************"
    out "Info: Startup phase 0 took 0.001 s, 10 MB of memory in use"
    out "Info: Finished startup at 0.05 s, 42 MB of memory in use"
    out ""
    if {[has dcdfreq] && [intParam dcdfreq 0] > 0} { openDcd }
}

proc ::standin::outputName {} { return [param outputname] }
proc ::standin::restartName {} {
    if {[has restartname]} { return [param restartname] }
    return "[param outputname].restart"
}
proc ::standin::dcdName {} {
    if {[has dcdfile]} { return [param dcdfile] }
    return "[param outputname].dcd"
}

proc ::standin::etitle {} {
    set cols {BOND ANGLE DIHED IMPRP ELECT VDW BOUNDARY MISC KINETIC TOTAL TEMP POTENTIAL TOTAL3 TEMPAVG PRESSURE GPRESSURE VOLUME PRESSAVG GPRESSAVG}
    set s "ETITLE:      TS"
    set i 0
    foreach c $cols {
        if {$i == 4 || $i == 9 || $i == 14} { append s "     " }
        append s [format %15s $c]
        incr i
    }
    out $s
    out ""
}

proc ::standin::energyLine {mode} {
    variable step
    variable temp
    variable total
    variable energyLines
    set t [expr {$mode eq "minimize" ? 0.0 : $temp + [noise 3.0]}]
    set bond [expr {460.0 + [noise 25.0]}]
    set angle [expr {1170.0 + [noise 40.0]}]
    set dihed [expr {760.0 + [noise 15.0]}]
    set imprp [expr {46.0 + [noise 4.0]}]
    set elect [expr {-71280.0 + [noise 120.0] - ($mode eq "minimize" ? $energyLines * 15.0 : 0)}]
    set vdw [expr {4830.0 + [noise 60.0]}]
    set boundary 0.0
    set misc 0.0
    set kinetic [expr {$t * 11.43}]
    set potential [expr {$bond + $angle + $dihed + $imprp + $elect + $vdw}]
    set tot [expr {$potential + $kinetic}]
    set total3 [expr {$tot + [noise 0.5]}]
    set tempavg $t
    set pressure [expr {$mode eq "minimize" ? -2122.0 + [noise 50] : [noise 150.0]}]
    set gpressure [expr {$pressure + [noise 20.0]}]
    set volume [expr {245762.0 + [noise 100.0]}]
    set vals [list $bond $angle $dihed $imprp $elect $vdw $boundary $misc $kinetic $tot $t $potential $total3 $tempavg $pressure $gpressure $volume $pressure $gpressure]
    set s "ENERGY: [format %7d $step]"
    set i 0
    foreach v $vals {
        if {$i == 4 || $i == 9 || $i == 14} { append s "     " }
        append s [format %15.4f $v]
        incr i
    }
    out $s
    incr energyLines
}

proc ::standin::openDcd {} {
    variable dcdFrames
    set dcdFrames 0
    writeDcd
    out "OPENING COORDINATE DCD FILE"
}

# Minimal DCD (CHARMM format, 0 atoms): header with frame count.
proc ::standin::writeDcd {} {
    variable dcdFrames
    variable step
    set f [open [dcdName] w]
    fconfigure $f -translation binary
    set freq [intParam dcdfreq 1]
    set hdr [binary format a4i9fi10 CORD [list $dcdFrames [intParam firsttimestep 0] $freq 0 0 0 0 0 0] [numParam timestep 1.0] [list 1 0 0 0 0 0 0 0 0 24]]
    puts -nonewline $f [binary format i 84]$hdr[binary format i 84]
    set title [format %-80s "REMARKS FILENAME=[dcdName] CREATED BY NAMD STAND-IN"]
    puts -nonewline $f [binary format iia80i 84 1 $title 84]
    puts -nonewline $f [binary format iii 4 0 4]
    close $f
}

proc ::standin::cellLine {} {
    variable step
    set a [param cellbasisvector1 {0 0 0}]
    set b [param cellbasisvector2 {0 0 0}]
    set c [param cellbasisvector3 {0 0 0}]
    set o [param cellorigin {0 0 0}]
    set vec {}
    foreach v [list $a $b $c $o] {
        set v [string map {, " "} $v]
        foreach x [lrange [concat $v 0 0 0] 0 2] { lappend vec $x }
    }
    return "$step [join $vec { }] 0 0 0 0 0 0"
}

proc ::standin::writeXsc {name} {
    set f [open $name w]
    puts $f "# NAMD extended system configuration output file"
    puts $f "#\$LABELS step a_x a_y a_z b_x b_y b_z c_x c_y c_z o_x o_y o_z s_x s_y s_z s_u s_v s_w"
    puts $f [cellLine]
    close $f
}

proc ::standin::writeCoor {name kind} {
    variable step
    set f [open $name w]
    puts $f "REMARK NAMD STAND-IN $kind AT STEP $step (fake content)"
    puts $f "ATOM      1  N   ALA A   1       0.000   0.000   0.000  1.00  0.00      A    N"
    puts $f "END"
    close $f
}

proc ::standin::writeCoorSet {base label} {
    variable step
    out "WRITING EXTENDED SYSTEM TO $label FILE AT STEP $step"
    writeXsc $base.xsc
    out "WRITING COORDINATES TO $label FILE AT STEP $step"
    writeCoor $base.coor coordinates
    out "WRITING VELOCITIES TO $label FILE AT STEP $step"
    writeCoor $base.vel velocities
}

proc ::standin::simulate {mode argv} {
    variable step
    variable ranAny
    variable sleepPerStep
    variable failAtStep
    variable dcdFrames
    variable xstLines
    startup
    set n [lindex $argv end]
    if {[lindex $argv 0] eq "norepeat"} { set n [lindex $argv 1] }
    if {![string is integer -strict $n] || $n < 0} {
        fatal "Illegal number of steps \"$n\" for $mode"
    }
    set label [expr {$mode eq "run" ? "Running" : "Minimizing"}]
    out "TCL: $label for $n steps"
    if {$mode eq "minimize"} { out "MINIMIZER STARTING" }
    set oe [intParam outputenergies 1]
    if {$oe <= 0} { set oe 1 }
    set dcdfreq [intParam dcdfreq 0]
    set restartfreq [intParam restartfreq 0]
    set xstfreq [intParam xstfreq 0]
    if {!$ranAny} { etitle }
    set start $step
    set end [expr {$step + $n}]
    # Energy at the first step of the first run (like NAMD), then every oe steps.
    set next [expr {$ranAny ? (($start / $oe) + 1) * $oe : $start}]
    set ranAny 1
    set interesting [list $next]
    set events {}
    foreach {freq kind} [list $dcdfreq dcd $restartfreq restart $xstfreq xst] {
        if {$freq > 0} { lappend events $kind $freq }
    }
    while {1} {
        # next step to report: min over energy/dcd/restart/xst/fail events
        set s $next
        foreach {kind freq} $events {
            set k [expr {(($step / $freq) + 1) * $freq}]
            if {$k < $s} { set s $k }
        }
        if {$failAtStep >= 0 && $failAtStep > $step && $failAtStep < $s} { set s $failAtStep }
        if {$s > $end} break
        set step $s
        if {$failAtStep >= 0 && $step >= $failAtStep} {
            fatal "Stand-in failure requested at step $step (NAMD_STANDIN_FAIL_AT_STEP)"
        }
        if {$step == $next} {
            energyLine $mode
            set next [expr {(($step / $oe) + 1) * $oe}]
            if {$sleepPerStep > 0} { after [expr {int($sleepPerStep * 1000)}] }
        }
        foreach {kind freq} $events {
            if {$step % $freq != 0 || $step == $start} continue
            switch -- $kind {
                dcd { incr dcdFrames; writeDcd }
                restart {
                    set r [restartName]
                    writeXsc $r.xsc
                    writeCoor $r.coor restart-coordinates
                    writeCoor $r.vel restart-velocities
                    out "WRITING COORDINATES TO RESTART FILE AT STEP $step"
                    out "FINISHED WRITING RESTART COORDINATES"
                    out "WRITING VELOCITIES TO RESTART FILE AT STEP $step"
                    out "FINISHED WRITING RESTART VELOCITIES"
                }
                xst { lappend xstLines [cellLine] }
            }
        }
        if {$step == $end} break
    }
    set step $end
    if {$mode eq "minimize"} { out "LINE MINIMIZER REDUCING GRADIENT FROM 1234.5 TO 1.2345" }
    out "Info: Benchmark time: $::standin::nprocs CPUs 0.00123 s/step 0.0142 days/ns 42 MB memory"
}

proc ::standin::finish {code} {
    variable finished
    variable started
    variable ranAny
    variable t0
    variable xstLines
    variable exitCode
    if {$finished} { ::standin::realExit $code }
    set finished 1
    if {$started} {
        set base [outputName]
        writeCoorSet $base "OUTPUT"
        if {[intParam xstfreq 0] > 0} {
            set f [open $base.xst w]
            puts $f "# NAMD extended system trajectory file"
            puts $f "#\$LABELS step a_x a_y a_z b_x b_y b_z c_x c_y c_z o_x o_y o_z s_x s_y s_z s_u s_v s_w"
            foreach l $xstLines { puts $f $l }
            close $f
        }
        out "===================================================="
    }
    set wall [expr {([clock milliseconds] - $t0) / 1000.0}]
    set cpu [expr {$wall * 0.98}]
    out ""
    out [format "WallClock: %f  CPUTime: %f  Memory: %f MB" $wall $cpu 42.3125]
    out "\[Partition 0\]\[Node 0\] End of program"
    if {$code == 0} { set code $exitCode }
    ::standin::realExit $code
}

# --------------------------------------------------------------- main
proc ::standin::main {argv} {
    variable version
    variable nprocs
    variable sleepPerStep
    variable failAtStep
    variable exitCode
    set configs {}
    set cmdline {}
    for {set i 0} {$i < [llength $argv]} {incr i} {
        set a [lindex $argv $i]
        if {$a eq "--standin-version"} {
            incr i; set version [lindex $argv $i]
        } elseif {[regexp {^\+p([0-9]+)$} $a -> p]} {
            set nprocs $p
        } elseif {$a eq "+p"} {
            incr i; set nprocs [lindex $argv $i]
        } elseif {$a in {+devices +ppn +pemap +commap +idlepoll +setcpuaffinity +isomalloc_sync +ignoresharing +netpoll}} {
            if {$a in {+devices +ppn +pemap +commap}} { incr i }
        } elseif {[string index $a 0] eq "+"} {
            # other charm++ option: ignore
        } elseif {$a eq "--version"} {
            out "NAMD $version (stand-in)"
            ::standin::realExit 0
        } elseif {[string range $a 0 1] eq "--"} {
            incr i
            lappend cmdline [list [string range $a 2 end] [lindex $argv $i]]
        } else {
            lappend configs $a
        }
    }
    if {[info exists ::env(NAMD_STANDIN_SLEEP_PER_STEP)]} { set sleepPerStep $::env(NAMD_STANDIN_SLEEP_PER_STEP) }
    if {[info exists ::env(NAMD_STANDIN_FAIL_AT_STEP)]} { set failAtStep $::env(NAMD_STANDIN_FAIL_AT_STEP) }
    if {[info exists ::env(NAMD_STANDIN_EXIT_CODE)]} { set exitCode $::env(NAMD_STANDIN_EXIT_CODE) }

    out "Charm++: standalone mode (not using charmrun)"
    out "Charm++> Running in Multicore mode: $nprocs threads (PEs)"
    out "Info: NAMD $version for Linux-x86_64-multicore"
    out "Info: "
    out "Info: Please visit http://www.ks.uiuc.edu/Research/namd/"
    out "Info: for updates, documentation, and support information."
    out "Info: "
    out "Info: THIS IS A STAND-IN FOR TESTS (NAMDRunner test cluster), NOT NAMD."
    out "Info: "
    out "Info: Built [clock format [clock seconds] -format {%a %b %d %H:%M:%S %Z %Y} -gmt 1] by namdrunner on test-cluster"
    out "Info: Running on $nprocs processors, 1 nodes, 1 physical nodes."
    out "Info: CPU topology information available."
    out "Info: Charm++/Converse parallel runtime startup completed at 0.01 s"
    out "Info: [format %.3f 42.0] MB of memory in use based on /proc/self/stat"
    out "Info: Configuration file is [join $configs { }]"
    out "Info: Working in the current directory [pwd]"
    if {[llength $configs] == 0 && [llength $cmdline] == 0} {
        fatal "No simulation config file specified on command line."
    }
    foreach c $configs {
        if {![file readable $c]} {
            fatal "Unable to access config file $c"
        }
    }
    foreach kv $cmdline {
        set k [string tolower [lindex $kv 0]]
        if {$k in {run minimize}} {
            ::$k [lindex $kv 1]
        } else {
            setParam [lindex $kv 0] [list [lindex $kv 1]]
        }
    }
    foreach c $configs {
        # comment directives for tests
        set fh [open $c r]; set text [read $fh]; close $fh
        foreach line [split $text \n] {
            if {[regexp -nocase {^\s*#\s*standin:\s*(\w+)\s+(\S+)} $line -> what val]} {
                switch -nocase -- $what {
                    sleepPerStep { set sleepPerStep $val }
                    failAtStep { set failAtStep $val }
                    exitCode { set exitCode $val }
                }
            }
        }
        # NAMD changes to the config file's directory
        set dir [file dirname $c]
        cd $dir
        out "TCL: Reading config file [file tail $c]"
        if {[catch {uplevel #0 [list source [file tail $c]]} err opts]} {
            fatal "$err"
        }
    }
    if {![has outputname] && !$::standin::started} {
        fatal "'outputname' is a required configuration option"
    }
    startup
    finish 0
}

proc ::standin::realExit {code} { ::standin::tclExit $code }

::standin::main $argv
