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

if (!exists('ds_data')) ds_data = 'compare.plot.csv'
if (!exists('ds_output')) ds_output = 'compare.png'
ds_fs = 13
ds_lh = 0.022
set terminal pngcairo size 1280,800 noenhanced font ds_font.','.ds_fs linewidth 1.4 background rgb 'white'
if (ds_output ne '') { set output ds_output } else { set output }
set termoption noenhanced
set style textbox opaque fillcolor rgb 'white' noborder margins 1,1
set label 'US treaty allies in the Indo-Pacific, 2024: defense spending as a share of GDP (World Bank WDI definition)' at screen 0.5, screen 1 center offset 0,-1.2 noenhanced font ds_font.','.(ds_fs + 2)
set xlabel 'military expenditure / GDP, current US$, %; reference lines: targets' noenhanced
set xrange [0:5.4]
set format x '%g%%'
set yrange [0.3:6.7]
set key at screen 0.5, screen (1 - 2.2 * ds_lh) center top horizontal noenhanced maxcols 2
set tmargin 4.2
set label 'Source: share of GDP: World Bank WDI MS.MIL.XPND.GD.ZS (vintage 2026-02-24); GDP: World Bank WDI DataBank NY.GDP.MKTP.CD (vintage 2025-12-04); chart:' at character 1, character 1.9 left noenhanced textcolor rgb ds_grey font ds_font.','.(ds_fs - 2)
set label 'defspend' at character 1, character 0.8 left noenhanced textcolor rgb ds_grey font ds_font.','.(ds_fs - 2)
set bmargin 6.7
set ytics ('Korea, Rep. 2.56%%' 6) noenhanced
set ytics add ('Australia 1.88%%' 5)
set ytics add ('Japan 1.37%%' 4)
set ytics add ('Philippines 1.32%%' 3)
set ytics add ('New Zealand 1.19%%' 2)
set ytics add ('Thailand 1.08%%' 1)
set arrow from first 2, graph 0 to first 2, graph 1 nohead front lc rgb ds_grey lw 1.5 dt 2
set label '2%' at first 2, graph 1 center offset 0,0.6 front noenhanced textcolor rgb ds_grey
set arrow from first 3.5, graph 0 to first 3.5, graph 1 nohead front lc rgb ds_grey lw 1.5 dt 2
set label '3.5%' at first 3.5, graph 1 center offset 0,0.6 front noenhanced textcolor rgb ds_grey
set arrow from first 5, graph 0 to first 5, graph 1 nohead front lc rgb ds_grey lw 1.5 dt 2
set label '5%' at first 5, graph 1 center offset 0,0.6 front noenhanced textcolor rgb ds_grey
plot \
  ds_data skip 1 using (column(2)/2):1:(0):(column(2)):(column(1)-0.7/2):(column(1)+0.7/2) with boxxyerror lt 1 fs solid 0.85 title 'military expenditure, % of GDP'
unset output
