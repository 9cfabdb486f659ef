# Chart written by defspend.  Edit and re-run with: gnuplot THIS-FILE.gp
# (run it in this directory; the data file and the image are named below).

# ---- house style: plots/defspend.gp ----
# defspend house style for gnuplot charts.
#
# Copied verbatim into every script `defspend plot` and `defspend report`
# write, so a script runs on its own.  Fonts: DejaVu Sans (Debian
# fonts-dejavu-core, pulled in by gnuplot); colours: the Okabe-Ito palette,
# safe for the common colour-vision deficiencies, in the order below;
# lines thick enough to read when the chart is shrunk into a report.
ds_font = 'DejaVu Sans'
ds_ink = '#222222'
ds_grey = '#666666'
# Okabe & Ito (2008): blue, vermillion, bluish green, orange,
# reddish purple, sky blue, black, yellow
set linetype 1 lc rgb '#0072B2' lw 2.5 pt 7 ps 1.1 dt 1
set linetype 2 lc rgb '#D55E00' lw 2.5 pt 5 ps 1.1 dt 1
set linetype 3 lc rgb '#009E73' lw 2.5 pt 9 ps 1.2 dt 1
set linetype 4 lc rgb '#E69F00' lw 2.5 pt 13 ps 1.2 dt 1
set linetype 5 lc rgb '#CC79A7' lw 2.5 pt 11 ps 1.2 dt 1
set linetype 6 lc rgb '#56B4E9' lw 2.5 pt 15 ps 1.1 dt 1
set linetype 7 lc rgb '#000000' lw 2.5 pt 6 ps 1.1 dt 1
set linetype 8 lc rgb '#F0E442' lw 2.5 pt 4 ps 1.1 dt 1
set linetype cycle 8
# a sequential, colour-blind-safe palette for heatmaps (ColorBrewer
# YlGnBu, light half, so black value labels stay readable on every cell)
set palette defined (0 '#ffffd9', 1 '#edf8b1', 2 '#c7e9b4', 3 '#7fcdbb', 4 '#41b6c4')
set border 3 lc rgb ds_ink lw 1
set tics nomirror out scale 0.6 textcolor rgb ds_ink
set grid ytics lc rgb '#d9d9d9' lw 1 dt 1
set grid layerdefault back
set style fill solid 0.85 noborder
set key textcolor rgb ds_ink samplen 2.5 spacing 1.15 noautotitle
set datafile separator comma
set datafile missing ''
set decimalsign '.'
# ---- end of house style ----

if (!exists('ds_data')) ds_data = 'history.plot.csv'
if (!exists('ds_output')) ds_output = 'history.png'
ds_fs = 13
ds_lh = 0.022
set terminal pngcairo size 1280,800 noenhanced font ds_font.','.ds_fs linewidth 1.4 background rgb 'white'
if (ds_output ne '') { set output ds_output } else { set output }
set termoption noenhanced
set style textbox opaque fillcolor rgb 'white' noborder margins 1,1
# two panels sharing x: margins fixed so that they line up
set lmargin 12
set rmargin 6
set label 'Japan (JPN): military expenditure, 1990-2026' at screen 0.5, screen 1 center offset 0,-1.2 noenhanced font ds_font.','.(ds_fs + 2)
set xlabel 'year (calendar; fiscal years by their label year)' noenhanced
set xrange [1989.5:2026.5]
set ylabel '% of GDP' noenhanced
set yrange [0:5.5]
# upper panel: its x tick labels and x label are the lower panel's
set format x ''
unset xlabel
set key at screen 0.5, screen (1 - 2.2 * ds_lh) center top horizontal noenhanced maxcols 2
set tmargin 5.4
set label 'Sources: World Bank WDI MS.MIL.XPND.GD.ZS (WDI definition, vintage 2026-02-24): % of GDP 1990-2024; World Bank WDI MS.MIL.XPND.CD (WDI definition,' at character 1, character 1.9 left noenhanced textcolor rgb ds_grey font ds_font.','.(ds_fs - 2)
set label 'vintage 2025-10-07): US$ 1990-2023; Japan MoD budget table U11, U12, U13 (MoD budget definition, vintage 2025-12-26): US$ 2024-2026; chart: defspend' at character 1, character 0.8 left noenhanced textcolor rgb ds_grey font ds_font.','.(ds_fs - 2)
ds_split = 6.7 * ds_lh + 0.42 * (1 - (12.1) * ds_lh)
set bmargin at screen ds_split + 1.5 * ds_lh
set multiplot
set label 'series ends 2024' at first 2024, first 1.37139689581 center offset 0,0.8 boxed front noenhanced textcolor rgb ds_ink
set arrow from graph 0, first 1 to graph 1, first 1 nohead back lc rgb ds_grey lw 1 dt 3
set ytics ('1%%' 1) noenhanced
set arrow from graph 0, first 2 to graph 1, first 2 nohead back lc rgb ds_grey lw 1 dt 3
set ytics add ('2%%' 2)
set arrow from graph 0, first 3 to graph 1, first 3 nohead back lc rgb ds_grey lw 1 dt 3
set ytics add ('3%%' 3)
set arrow from graph 0, first 3.5 to graph 1, first 3.5 nohead back lc rgb ds_grey lw 1 dt 3
set ytics add ('3.5%%' 3.5)
set arrow from graph 0, first 5 to graph 1, first 5 nohead back lc rgb ds_grey lw 1 dt 3
set ytics add ('5%%' 5)
set ytics add ('0%%' 0)
plot \
  ds_data skip 1 using 1:2 with linespoints lt 1 pt 7 title '% of GDP (top panel)', \
  NaN with linespoints lt 2 pt 5 title 'current US$ bn (bottom panel)', \
  NaN with linespoints lt 2 dt 2 pt 4 title 'US$ bn: estimate, draft or projection (bottom)'

# lower panel: the y2 layers on an axis of their own
unset label
unset arrow
unset key
set tmargin at screen ds_split
set bmargin 6.7
set format x
set format y
set ytics autofreq
set yrange [*:*]
set xlabel 'year (calendar; fiscal years by their label year)' noenhanced
set ylabel 'current US$ bn' noenhanced
set yrange [0:*]
plot \
  ds_data skip 1 using 1:4 with linespoints lt 2 pt 5 notitle, \
  ds_data skip 1 using 1:(valid(5) ? column(5) : NaN) with linespoints lt 2 dt 2 pt 4 notitle
unset multiplot
unset output
