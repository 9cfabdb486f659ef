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

if (!exists('ds_data')) ds_data = 'compare-nato.plot.csv'
if (!exists('ds_output')) ds_output = 'compare-nato.png'
ds_fs = 13
ds_lh = 0.022
set terminal pngcairo size 1280,800 noenhanced font ds_font.','.ds_fs linewidth 1.4 background rgb 'white'
if (ds_output ne '') { set output ds_output } else { set output }
set termoption noenhanced
set style textbox opaque fillcolor rgb 'white' noborder margins 1,1
set label 'NATO members, 2024: defense spending as a share of GDP (NATO definition, estimates)' at screen 0.5, screen 1 center offset 0,-1.2 noenhanced font ds_font.','.(ds_fs + 2)
set xlabel 'military expenditure / GDP, current US$, %; reference lines: targets' noenhanced
set xrange [0:5.4]
set format x '%g%%'
set yrange [0.3:32.7]
set key at screen 0.5, screen (1 - 2.2 * ds_lh) center top horizontal noenhanced maxcols 2
set tmargin 4.2
set label 'Source: GDP: NATO Defence Expenditure of NATO Countries: Table 5 : GDP (vintage 2024-06-17); military expenditure: NATO Defence Expenditure of NATO' at character 1, character 3 left noenhanced textcolor rgb ds_grey font ds_font.','.(ds_fs - 2)
set label 'Countries: Table 2 : Defence expenditure (vintage 2024-06-17); share of GDP: NATO Defence Expenditure of NATO Countries: Table 3 : Defence expenditure' at character 1, character 1.9 left noenhanced textcolor rgb ds_grey font ds_font.','.(ds_fs - 2)
set label 'as a share of GDP and annual real change (vintage 2024-06-17); chart: defspend' at character 1, character 0.8 left noenhanced textcolor rgb ds_grey font ds_font.','.(ds_fs - 2)
set bmargin 7.8
set ytics ('Poland 4.12%%' 32) noenhanced
set ytics add ('Estonia 3.43%%' 31)
set ytics add ('United States 3.38%%' 30)
set ytics add ('Latvia 3.15%%' 29)
set ytics add ('Greece 3.08%%' 28)
set ytics add ('Lithuania 2.85%%' 27)
set ytics add ('Finland 2.41%%' 26)
set ytics add ('Denmark 2.37%%' 25)
set ytics add ('United Kingdom 2.33%%' 24)
set ytics add ('Romania 2.25%%' 23)
set ytics add ('North Macedonia 2.22%%' 22)
set ytics add ('Norway 2.20%%' 21)
set ytics add ('Bulgaria 2.18%%' 20)
set ytics add ('Sweden 2.14%%' 19)
set ytics add ('Germany 2.12%%' 18)
set ytics add ('Hungary 2.11%%' 17)
set ytics add ('Czechia 2.10%%' 16)
set ytics add ('Türkiye 2.09%%' 15)
set ytics add ('France 2.06%%' 14)
set ytics add ('Netherlands 2.05%%' 13)
set ytics add ('Albania 2.03%%' 12)
set ytics add ('Montenegro 2.02%%' 11)
set ytics add ('Slovak Republic 2.00%%' 10)
set ytics add ('Croatia 1.81%%' 9)
set ytics add ('Portugal 1.55%%' 8)
set ytics add ('Italy 1.49%%' 7)
set ytics add ('Canada 1.37%%' 6)
set ytics add ('Belgium 1.30%%' 5)
set ytics add ('Luxembourg 1.29%%' 4)
set ytics add ('Slovenia 1.29%%' 3)
set ytics add ('Spain 1.28%%' 2)
set ytics add ('Iceland: no data' 1)
set arrow from first 2, graph 0 to first 2, graph 1 nohead front lc rgb ds_grey lw 1.5 dt 2
set label '2%' at first 2, graph 1 center offset 0,0.6 front noenhanced textcolor rgb ds_grey
set arrow from first 3.5, graph 0 to first 3.5, graph 1 nohead front lc rgb ds_grey lw 1.5 dt 2
set label '3.5%' at first 3.5, graph 1 center offset 0,0.6 front noenhanced textcolor rgb ds_grey
set arrow from first 5, graph 0 to first 5, graph 1 nohead front lc rgb ds_grey lw 1.5 dt 2
set label '5%' at first 5, graph 1 center offset 0,0.6 front noenhanced textcolor rgb ds_grey
plot \
  ds_data skip 1 using (column(2)/2):1:(0):(column(2)):(column(1)-0.7/2):(column(1)+0.7/2) with boxxyerror lt 1 fs solid 0.85 title 'military expenditure, % of GDP'
unset output
